/**
 * Signed export and policy bundles (数据包), issue 6: format, keys, writing, verification and
 * import planning. Everything here is pure; files, the store, the clock and randomness are the
 * caller's. Format: docs/bundle-format.md.
 */
export { buildBundle, suggestedFileName, type BuiltBundle, type BundleInput } from './write';
export {
  verifyBundle,
  checkChain,
  openBundle,
  DEFAULT_BUNDLE_LIMITS,
  type BundleLimits,
  type LastAccepted,
  type TrustedKey,
  type VerifiedBundle,
  type VerifyOptions,
} from './verify';
export { inspectBundle, type BundleSummary } from './inspect';
export { jsSha256, subtleSha256, type Sha256 } from './digest';
export {
  generateSigningKey,
  signingKeyFromSecret,
  sign,
  verifySignature,
  fingerprint,
  formatFingerprint,
  publicKeyPem,
  publicKeySpki,
  parsePublicKeyPem,
  parsePublicKeySpki,
  KEY_RANDOM_BYTES,
  SIGNATURE_ALGORITHMS,
  type PublicKey,
  type SignatureAlgorithm,
  type SigningKey,
} from './keys';
export { createKeyRotation, verifyKeyRotation, applyKeyRotation, rotationRecord, rotationFromRecord, type KeyRotationStatement } from './rotation';
export { describeBundleRefusal, BUNDLE_REFUSAL_CODES, type BundleRefusalCode } from './messages';
export { FORMAT_VERSION, type BundleKind, type Manifest } from './manifest';
export type { BundleRecord } from './content';
export { SM2_DEFAULT_ID } from './sm2';
