# syntax=docker/dockerfile:1
# m365ops as a container image. Build it wherever a container engine runs (this repository's CI has none):
#   docker build -t m365ops .        (or: podman build -t m365ops .)
# compose.yaml runs it with MongoDB; docs/setup.md ("Running m365ops") lists every setting.
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Compile the TypeScript sources with the full dependency set.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# 2. The production dependencies alone (no install scripts run: m365ops needs none).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. The runtime: compiled code, production dependencies and the few files read at run time, as user node.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data \
    M365OPS_DEV_MODE=0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist ./dist
COPY --from=build /app/sim/seed/demo.yaml ./sim/seed/demo.yaml
COPY --from=build /app/bot/devchat/public ./bot/devchat/public
COPY --from=build /app/docker/entrypoint.sh /app/docker/healthcheck.js ./docker/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "/app/docker/healthcheck.js"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["node", "dist/bot/server/main.js"]
