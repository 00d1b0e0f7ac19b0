// The image's HEALTHCHECK: GET /healthz on this container's PORT (m365ops answers 200 when it runs and its store is
// reachable, 503 when the store is not); exits 0 when healthy, 1 otherwise.
const port = process.env.PORT || '3978';
fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
