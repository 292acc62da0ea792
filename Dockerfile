# syntax=docker/dockerfile:1
# The GraphQL service: `npm start` (tsx src/server.ts) on Node 20, as the non-root `node` user.
# With DATABASE_URL set it runs on PostgreSQL (see docker-compose.yml); without it, on embedded
# PGlite in /app/.data/pglite (mount a volume there to keep the data).
FROM node:20.20-bookworm-slim

WORKDIR /app

# Dependencies first, from the lockfile only, so this layer is cached until they change.
# tsx is a production dependency: the service runs its TypeScript sources directly.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# What the start command needs at run time: the sources, the migrations and the bundled corpus
# (db/), the scripts (npm run migrate / db:seed), the tsconfig tsx reads and the printed schema.
COPY tsconfig.json schema.graphql ./
COPY src/ ./src/
COPY db/ ./db/
COPY scripts/ ./scripts/

# PGlite's default data folder (PGLITE_DIR=.data/pglite) must be writable by the runtime user.
RUN mkdir -p /app/.data && chown node:node /app/.data

# node_modules/.bin on PATH, as npm puts it for scripts, so CMD can name tsx directly.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    PATH=/app/node_modules/.bin:$PATH

EXPOSE 4000

USER node

# No curl in slim images: node's fetch asks for {__typename} on the GraphQL endpoint.
# The start period covers migrations and the first-start corpus load.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/graphql?query=%7B__typename%7D').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# package.json's start script (`npm start` = tsx src/server.ts), run without npm and its `sh -c`:
# a SIGTERM from `docker stop` then reaches tsx, which relays it to the server for a clean close
# (through npm, the shell dies and the server is killed without closing its database).
CMD ["tsx", "src/server.ts"]
