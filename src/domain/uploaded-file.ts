// A file a caller uploaded (a multipart/form-data part): the http layer parses it, the domain stores it (OTC proofs).
export interface UploadedFile { name: string; type: string; bytes: Uint8Array }
