import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';

/**
 * A CA made fresh at every start and a server certificate for 127.0.0.1 and localhost signed by it, so clients
 * keep TLS verification on and trust only this CA (given as a PEM or through NODE_EXTRA_CA_CERTS). RSA key
 * generation is most of a start (up to a second), so the two key pairs are made once per process; each start's CA
 * has a name of its own, which is what a client's chain is built on, so trusting one simulator trusts no other.
 */

export interface SimCertificates {
  caPem: string;
  /** Where caPem was written; removed by `dispose`. */
  caPath: string;
  keyPem: string;
  certPem: string;
  dispose(): void;
}

interface KeyPair {
  privatePem: string;
  publicPem: string;
}

let processKeys: { ca: KeyPair; server: KeyPair } | undefined;

function createKeyPair(): KeyPair {
  // node:crypto generates RSA keys far faster than forge's pure-JS generator.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function createCertificate(options: {
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  publicPem: string;
  signingKeyPem: string;
  extensions: object[];
}): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(options.publicPem);
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(Date.now() + 365 * 24 * 60 * 60 * 1000);
  certificate.setSubject(options.subject);
  certificate.setIssuer(options.issuer);
  certificate.setExtensions(options.extensions);
  certificate.sign(forge.pki.privateKeyFromPem(options.signingKeyPem), forge.md.sha256.create());
  return certificate;
}

export function createCertificates(): SimCertificates {
  processKeys ??= { ca: createKeyPair(), server: createKeyPair() };
  const { ca: caKeys, server: serverKeys } = processKeys;
  const caName = [
    { name: 'commonName', value: `m365ops simulator CA ${randomBytes(6).toString('hex')}` },
    { name: 'organizationName', value: 'm365ops' },
  ];
  const ca = createCertificate({
    subject: caName,
    issuer: caName,
    publicPem: caKeys.publicPem,
    signingKeyPem: caKeys.privatePem,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const server = createCertificate({
    subject: [{ name: 'commonName', value: '127.0.0.1' }],
    issuer: caName,
    publicPem: serverKeys.publicPem,
    signingKeyPem: caKeys.privatePem,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const caPem = forge.pki.certificateToPem(ca);
  const directory = mkdtempSync(path.join(tmpdir(), 'm365ops-sim-ca-'));
  const caPath = path.join(directory, 'ca.pem');
  writeFileSync(caPath, caPem);
  return {
    caPem,
    caPath,
    keyPem: serverKeys.privatePem,
    certPem: forge.pki.certificateToPem(server),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}
