# syntax=docker/dockerfile:1
# The GraphQL service compiled to JavaScript and run by plain `node` on Node 24 LTS, as the non-root
# `node` user. With DATABASE_URL set it runs on PostgreSQL (see docker-compose.yml); without it, on
# embedded PGlite in /app/.data/pglite (mount a volume there to keep the data).

# ---- build: all dependencies (TypeScript, esbuild and the explorer's libraries included), then ------
# ---- `npm run build` into dist/: the compiled server and the explorer's bundle in dist/explorer ------
FROM node:24.21.0-bookworm-slim AS build

WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# What the compiler reads: its configs, the sources (the explorer's in src/explorer, bundled by
# scripts/build-explorer.ts), the migrations and the corpus it copies to dist/.
COPY tsconfig.json tsconfig.build.json ./
COPY src/ ./src/
COPY db/ ./db/
COPY scripts/ ./scripts/
RUN npm run build

# ---- runtime: production dependencies and the compiled output only -----------------------------
FROM node:24.21.0-bookworm-slim AS runtime

WORKDIR /app

# Production dependencies from the lockfile (no tsx, no TypeScript, no test tools).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# dist/src (the server), dist/db/migrations, dist/db/corpus, dist/scripts (node dist/scripts/migrate.js),
# dist/explorer (the browser explorer the server serves at /: static files, no node_modules needed).
COPY --from=build /app/dist ./dist

# PGlite's default data folder (PGLITE_DIR=.data/pglite) must be writable by the runtime user.
RUN mkdir -p /app/.data && chown node:node /app/.data

# NODE_ENV=production: production defaults in src/config.ts. HOST=0.0.0.0: the code defaults to
# loopback, which a published container port cannot reach; compose decides where it is exposed.
# NODE_OPTIONS: a larger young generation (two semi-spaces of at most 32 MB, so at most 64 MB), so that
# a request's short-lived objects die in it instead of being scavenged over and over (see README, Operating).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    NODE_OPTIONS=--max-semi-space-size=32

EXPOSE 4000

USER node

# No curl in slim images: node's fetch asks /ready (200 once the database answers and is migrated).
# The start period covers waiting for the database, migrations and the first-start corpus load.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Exec form, no npm or shell in between: `docker stop`'s SIGTERM reaches the server, which closes
# its connections and database before exiting.
CMD ["node", "dist/src/server.js"]
