# One image per app, chosen at build time:
#   docker build --build-arg APP=org-registry -t org-registry .
# docker-compose.yml builds every app this way.

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY libs libs
COPY apps apps
RUN npm run build

FROM node:24-slim AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# scripts/register-paths.js maps the @app/* aliases of tsconfig.json onto dist/ (tsconfig-paths is a production dependency).
COPY tsconfig.json ./
COPY scripts/register-paths.js scripts/
COPY --from=build /app/dist dist
RUN test -f "dist/apps/${APP}/src/main.js" || { echo "APP must name a directory in apps/, not '${APP}'" >&2; exit 1; }
# The checkpoint signing key and the witness directory (AUDIT_SIGNING_KEY_FILE, AUDIT_WITNESS_DIR): a volume, owned by the app's user.
RUN mkdir -p var/audit && chown node:node var/audit
USER node
CMD ["sh", "-c", "exec node -r ./scripts/register-paths.js dist/apps/$APP/src/main.js"]
