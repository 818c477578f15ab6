import { requestState } from './request-state.js';

/**
 * A GraphQL-shaped error response for requests turned away before GraphQL sees them. The code is
 * also recorded on the request's state, so the request log and `graphql_errors_total` count it.
 */
export function errorResponse(
  request: Request,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  requestState(request).errorCodes.push(code);
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', ...headers },
  });
}
