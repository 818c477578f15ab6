import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, TokenError, type TokenVerifier } from '../../src/auth/tokens.js';

/** Why a token is refused, in words a client can act on (the service answers them as UNAUTHENTICATED). */
describe('token verification messages', () => {
  const refusal = async (verify: TokenVerifier | null, token: string) => {
    const error = await (verify as TokenVerifier)(token).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenError);
    return (error as Error).message;
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('says the token is malformed when it is not a JWT', async () => {
    const verify = createTokenVerifier({ AUTH_JWT_SECRET: 'a-secret-of-at-least-32-characters!!' });
    expect(await refusal(verify, 'not.a.jwt')).toBe('The token is malformed.');
  });

  it('says the signing keys could not be fetched when AUTH_JWKS_URL does not answer', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    await new Promise<void>((done) => server.close(() => done()));
    const verify = createTokenVerifier({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` });
    // Well-formed but never checked: the key set it needs cannot be fetched.
    const token = `${encode({ alg: 'RS256', kid: 'k' })}.${encode({ sub: 'x' })}.c2ln`;
    expect(await refusal(verify, token)).toBe('The signing keys could not be fetched; try again shortly.');
  });
});
