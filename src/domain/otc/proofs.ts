// Proof PDFs of OTC deposits: the upload (PDF magic bytes, size cap, SHA-256) and the public download. Bytes are kept
// base64-encoded in the store so that the world still serialises to JSON; replaced proofs stay downloadable.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import type { UploadedFile } from '../uploaded-file.ts';
import { ApiError, invalidField, notFound } from '../../kernel/errors.ts';
import { applyTransition, actorOf, assertTransition, type OtcDepositRow } from './deposits.ts';
import { OTC_PROOF_MAX_BYTES } from './config.ts';

export interface OtcProofFileRow {
  id: string;
  deposit_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  base64: string;
  uploaded_at: string;
}

export const otcProofFiles = (w: World) => w.table<OtcProofFileRow>('otc_proof_files');

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export const proofPath = (depositId: string, fileId: string) => `/otc-deposits-proof/${depositId}/${fileId}.pdf`;

export function attachProof(world: World, principal: Principal, deposit: OtcDepositRow, field: string | UploadedFile | undefined): OtcDepositRow {
  if (!field || typeof field === 'string') throw invalidField('/file', 'must be a file part (multipart/form-data)');
  assertTransition(deposit, 'attach_proof');
  const bytes = field.bytes;
  if (bytes.length === 0) throw invalidField('/file', 'is empty');
  if (bytes.length > OTC_PROOF_MAX_BYTES) throw new ApiError(413, { error: `proof file exceeds ${OTC_PROOF_MAX_BYTES} bytes` });
  if (!PDF_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new ApiError(415, { error: 'proof file is not a PDF (it must start with %PDF-)' });
  }
  const fileName = field.name?.trim() || 'proof.pdf';
  const file = otcProofFiles(world).insert({
    id: world.random.uuid(), deposit_id: deposit.id, file_name: fileName, mime_type: 'application/pdf', size_bytes: bytes.length,
    sha256: bytesToHex(sha256(bytes)), base64: toBase64(bytes), uploaded_at: world.nowIso(),
  });
  const next = applyTransition(world, deposit, 'attach_proof', 'proof_attached', actorOf(principal), {
    proof_url: proofPath(deposit.id, file.id), proof_file_name: file.file_name, proof_mime_type: file.mime_type,
    proof_size_bytes: file.size_bytes, proof_file_sha256: file.sha256, receipt_uploaded_at: file.uploaded_at,
  });
  world.emit('otc.deposit.proof_attached', {
    deposit_id: next.id, merchant_id: next.merchant_id, status: next.status, proof_url: next.proof_url,
    proof_file_name: file.file_name, proof_mime_type: file.mime_type, proof_size_bytes: file.size_bytes,
    proof_file_sha256: file.sha256, attached_at: file.uploaded_at,
  });
  return next;
}

export function readProof(world: World, depositId: string, fileId: string): { file: OtcProofFileRow; bytes: Uint8Array } {
  const file = otcProofFiles(world).get(fileId);
  if (!file || file.deposit_id !== depositId) throw notFound(`no proof file ${fileId} for deposit ${depositId}`);
  return { file, bytes: fromBase64(file.base64) };
}

