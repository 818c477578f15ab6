import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { loadConfig } from '../config.js';
import { ROLES, type Role } from './tokens.js';

/** `npm run token -- --role editor --sub alice [--ttl 8h]`: a token for local curation, signed with AUTH_JWT_SECRET. */
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'editor' },
    sub: { type: 'string', default: 'local-curator' },
    ttl: { type: 'string', default: '8h' },
  },
});
const config = loadConfig();
if (!config.AUTH_JWT_SECRET) {
  console.error('AUTH_JWT_SECRET is not set: set it (32+ characters) for this command and for the server.');
  process.exit(1);
}
if (!ROLES.includes(values.role as Role)) {
  console.error(`--role must be one of: ${ROLES.join(', ')}`);
  process.exit(1);
}
let jwt = new SignJWT({ roles: [values.role] })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(values.sub)
  .setIssuedAt()
  .setExpirationTime(values.ttl);
if (config.AUTH_ISSUER) jwt = jwt.setIssuer(config.AUTH_ISSUER);
if (config.AUTH_AUDIENCE) jwt = jwt.setAudience(config.AUTH_AUDIENCE);
console.log(await jwt.sign(new TextEncoder().encode(config.AUTH_JWT_SECRET)));
