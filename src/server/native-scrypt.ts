// Node hosts hash passwords with node:crypto's native scrypt instead of the pure-JS one the browser needs: the same
// hashes, about six times faster, which is most of seeding a world (fixture users' passwords and PINs).
import { scryptSync } from 'node:crypto';
import { useScrypt } from '../auth/passwords.ts';

useScrypt((secret, salt, { N, r, p, dkLen }) => scryptSync(secret, salt, dkLen, { N, r, p }));
