# Production image of the API; Neo4j runs as its own service (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts ./scripts
COPY src ./src
# One bundle of our code (dist/server.mjs, esbuild), as `npm start` runs it.
RUN npm run build
# The explorer served at /explore (web/dist, built by Vite).
COPY web ./web
RUN node web/build.mjs --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY seed/data ./seed/data
COPY src/examples/operations.graphql ./src/examples/operations.graphql
USER node
EXPOSE 4000
CMD ["node", "--enable-source-maps", "--max-old-space-size=128", "dist/server.mjs"]
