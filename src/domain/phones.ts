// Phone numbers where the docs fix no form: accepted with or without the leading + and stored in E.164 with it, the
// form the sandbox's responses print (contracts/notes/wire-fidelity.md, "Phone numbers").
export const toE164 = (phone: string): string => (phone.startsWith('+') ? phone : `+${phone}`);
