import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './http-errors.js';

/**
 * Refuses oversized bodies before they are read. POSTs must declare their length, so a chunked
 * upload cannot slip past the limit (HTTP 411 tells the client to send Content-Length).
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared === null) {
        endResponse(errorResponse(request, 411, 'LENGTH_REQUIRED', 'POST requests must send a Content-Length header.'));
      } else if (!/^\d+$/.test(declared) || Number(declared) > maxBytes) {
        endResponse(errorResponse(request, 413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBytes} bytes.`));
      }
    },
  };
}
