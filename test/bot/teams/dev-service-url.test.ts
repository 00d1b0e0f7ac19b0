/** Which serviceUrls dev mode replies to: its own web chat connector (loopback, this port) or DEV_CONNECTOR_URL. */
import { isAllowedDevServiceUrl } from '../../../bot/teams/dev-service-url';

const ownPort = 3978;

it.each([
  ['http://127.0.0.1:3978/devchat/', undefined],
  ['http://localhost:3978/devchat/', undefined],
  ['http://127.0.0.1:5000/', 'http://127.0.0.1:5000'],
  ['http://127.0.0.1:5000/connector/v3', 'http://127.0.0.1:5000/connector'],
])('accepts %s (DEV_CONNECTOR_URL %s)', (serviceUrl, devConnectorUrl) => {
  expect(isAllowedDevServiceUrl(serviceUrl, ownPort, devConnectorUrl)).toBe(true);
});

it.each([
  ['https://smba.trafficmanager.net/amer/', undefined],
  ['http://127.0.0.1:3979/devchat/', undefined],
  ['http://127.0.0.1:3978/api/', undefined],
  ['http://127.0.0.1:3978/devchat/../api/', undefined],
  ['http://127.0.0.1:3978@evil.example/devchat/', undefined],
  ['http://evil.example/devchat/', undefined],
  ['http://127.0.0.1:5001/', 'http://127.0.0.1:5000'],
  ['http://127.0.0.1:5000/connectorx/', 'http://127.0.0.1:5000/connector'],
  ['not a url', undefined],
  [undefined, undefined],
])('refuses %s (DEV_CONNECTOR_URL %s)', (serviceUrl, devConnectorUrl) => {
  expect(isAllowedDevServiceUrl(serviceUrl, ownPort, devConnectorUrl)).toBe(false);
});
