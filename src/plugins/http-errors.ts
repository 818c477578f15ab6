/** A GraphQL-shaped error response for requests turned away before GraphQL sees them. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', ...headers },
  });
}
