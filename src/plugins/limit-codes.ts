import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * graphql-armor rejects over-limit documents with plain messages; clients need a code to act on.
 * This gives those errors (and other parse/validation failures) a stable `extensions.code`.
 */
const LIMIT_CODES: [RegExp, string][] = [
  [/aliases limit/i, 'ALIAS_LIMIT_EXCEEDED'],
  [/token limit/i, 'TOKEN_LIMIT_EXCEEDED'],
  [/directives limit/i, 'DIRECTIVE_LIMIT_EXCEEDED'],
  // useCSRFPrevention (403) throws without a code.
  [/Required CSRF header/i, 'CSRF_HEADER_REQUIRED'],
];

function withCode(error: GraphQLError): GraphQLError {
  const limit = LIMIT_CODES.find(([pattern]) => pattern.test(error.message))?.[1];
  const code = limit ?? error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED';
  if (code === error.extensions?.code) return error;
  return new GraphQLError(error.message, { ...error, extensions: { ...error.extensions, code } });
}

export function useLimitCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const single = result as ExecutionResult;
      // Only results without data come from parse/validation; execution errors already carry codes.
      if (!single.errors?.length || single.data !== undefined) return;
      setResult({ ...single, errors: single.errors.map((error) => (error instanceof GraphQLError ? withCode(error) : error)) });
    },
  };
}
