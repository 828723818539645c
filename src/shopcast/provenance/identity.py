"""Who signs Content Credentials: a brand's own certificate (``SHOPCAST_C2PA_CERT`` and
``SHOPCAST_C2PA_KEY``), or else a local CA and an ES256 signing certificate made on first use
under ``SHOPCAST_HOME/provenance`` (never shipped, never committed).

The local CA is the trust anchor when shopcast reads its own files back; extra anchors (a
brand's root) come from ``SHOPCAST_C2PA_TRUST_ANCHORS`` (a PEM bundle).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pydantic_settings import BaseSettings, SettingsConfigDict

from shopcast.errors import InvalidInputError, NotFoundError, OutputError

LOCAL_DIR = "provenance"  # under SHOPCAST_HOME
CA_YEARS = 10
SIGNER_DAYS = 730
RENEW_BEFORE = dt.timedelta(days=30)  # a signing certificate this close to its end is renewed


class C2paSettings(BaseSettings):
    """``SHOPCAST_C2PA_*``: a brand's signing certificate chain and key (PEM files), and extra
    trust anchors for reading. Unset: the local identity under SHOPCAST_HOME is used."""

    model_config = SettingsConfigDict(env_prefix="SHOPCAST_C2PA_", extra="ignore")

    cert: Path | None = None  # chain: signing certificate first, then intermediates
    key: Path | None = None  # its private key (PKCS#8 or traditional PEM, unencrypted)
    trust_anchors: Path | None = None  # PEM bundle of extra roots for reading


@dataclass(frozen=True)
class SigningIdentity:
    chain_pem: str  # signing certificate first, then its issuers
    key_pem: str
    alg: str  # es256 | es384 | es512 | ps256 | ed25519
    anchors_pem: str  # roots trusted when reading back (may be empty)
    source: str  # where it came from, for messages


def signing_identity(home: Path, c2pa: C2paSettings | None = None) -> SigningIdentity:
    """The configured brand identity if ``SHOPCAST_C2PA_CERT``/``KEY`` are set, else the local
    one (created or renewed here)."""
    c2pa = c2pa or C2paSettings()
    extra = _read_anchors(c2pa.trust_anchors)
    if c2pa.cert or c2pa.key:
        if not (c2pa.cert and c2pa.key):
            raise InvalidInputError(
                "SHOPCAST_C2PA_CERT and SHOPCAST_C2PA_KEY must be set together",
                hint="Unset both to sign with the local identity under SHOPCAST_HOME.",
            )
        identity = load_identity(c2pa.cert, c2pa.key)
        _check_validity(identity, c2pa.cert)
        local_ca = home / LOCAL_DIR / "ca.pem"
        anchors = extra + (local_ca.read_text() if local_ca.is_file() else "")
        return SigningIdentity(
            identity.chain_pem, identity.key_pem, identity.alg, anchors, identity.source
        )
    identity = ensure_local_identity(home)
    return SigningIdentity(
        identity.chain_pem,
        identity.key_pem,
        identity.alg,
        identity.anchors_pem + extra,
        identity.source,
    )


def reading_anchors(home: Path, c2pa: C2paSettings | None = None) -> str:
    """Trust anchors for reading: the local CA (if one was made) and the configured bundle."""
    c2pa = c2pa or C2paSettings()
    local_ca = home / LOCAL_DIR / "ca.pem"
    return (local_ca.read_text() if local_ca.is_file() else "") + _read_anchors(c2pa.trust_anchors)


def load_identity(cert: Path, key: Path) -> SigningIdentity:
    """A PEM chain and its private key; the algorithm follows the key type."""
    for what, path in (("certificate", cert), ("key", key)):
        if not Path(path).is_file():
            raise NotFoundError(f"C2PA signing {what} not found: {path}")
    try:
        chain = x509.load_pem_x509_certificates(Path(cert).read_bytes())
    except ValueError as exc:
        raise InvalidInputError(f"{cert}: not a PEM certificate chain: {exc}") from None
    try:
        private = serialization.load_pem_private_key(Path(key).read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise InvalidInputError(f"{key}: not an unencrypted PEM private key: {exc}") from None
    if _public_der(chain[0].public_key()) != _public_der(private.public_key()):
        raise InvalidInputError(f"{key} is not the key of the first certificate in {cert}")
    pem = "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in chain)
    key_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return SigningIdentity(pem, key_pem, _alg_for(private, key), "", str(cert))


def ensure_local_identity(home: Path, *, now: dt.datetime | None = None) -> SigningIdentity:
    """The local CA + ES256 signing certificate, made on first use and renewed near its end.
    Safe when several processes start at once (a lock file beside the keys)."""
    folder = home / LOCAL_DIR
    now = now or dt.datetime.now(dt.UTC)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder / ".lock"):
            ca_pem, ca_key = folder / "ca.pem", folder / "ca.key"
            signer_pem, signer_key = folder / "signer.pem", folder / "signer.key"
            if not (ca_pem.is_file() and ca_key.is_file()):
                key, cert = _make_ca(now)
                _write(ca_key, _key_pem(key), private=True)
                _write(ca_pem, _cert_pem(cert))
            ca_cert = x509.load_pem_x509_certificate(ca_pem.read_bytes())
            if not signer_pem.is_file() or _ends_soon(signer_pem, now):
                ca_private = serialization.load_pem_private_key(ca_key.read_bytes(), None)
                assert isinstance(ca_private, ec.EllipticCurvePrivateKey)
                key, cert = _make_signer(ca_cert, ca_private, now)
                _write(signer_key, _key_pem(key), private=True)
                _write(signer_pem, _cert_pem(cert) + _cert_pem(ca_cert))
    except OSError as exc:
        raise OutputError(
            f"cannot create the local C2PA signing identity in {folder}: {exc}",
            hint="Check that SHOPCAST_HOME is writable.",
        ) from exc
    identity = load_identity(signer_pem, signer_key)
    return SigningIdentity(
        identity.chain_pem,
        identity.key_pem,
        identity.alg,
        ca_pem.read_text(),
        f"local identity in {folder}",
    )


def _check_validity(identity: SigningIdentity, where: Path) -> None:
    """A brand certificate outside its validity would fail after the whole render: say so now."""
    leaf = x509.load_pem_x509_certificates(identity.chain_pem.encode())[0]
    now = dt.datetime.now(dt.UTC)
    if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
        raise InvalidInputError(
            f"{where}: the C2PA signing certificate is valid from "
            f"{leaf.not_valid_before_utc:%Y-%m-%d} to {leaf.not_valid_after_utc:%Y-%m-%d}, "
            "not now",
            hint="Renew the brand's certificate, or unset SHOPCAST_C2PA_CERT/KEY to sign with "
            "the local identity.",
        )


# -- certificates ----------------------------------------------------------------------------
def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "shopcast (local, not publicly trusted)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _make_ca(now: dt.datetime) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name("shopcast local C2PA CA")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(sign=False, ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _make_signer(
    ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey, now: dt.datetime
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """An end-entity ES256 certificate as C2PA wants it: digitalSignature, not a CA, and an
    extended key usage on C2PA's list (emailProtection)."""
    key = ec.generate_private_key(ec.SECP256R1())
    not_after = min(now + dt.timedelta(days=SIGNER_DAYS), ca.not_valid_after_utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("shopcast content signer"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(sign=True, ca=False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _ends_soon(chain_pem: Path, now: dt.datetime) -> bool:
    leaf = x509.load_pem_x509_certificates(chain_pem.read_bytes())[0]
    return leaf.not_valid_after_utc - RENEW_BEFORE <= now


def _alg_for(private: object, where: Path) -> str:
    if isinstance(private, ec.EllipticCurvePrivateKey):
        curves = {"secp256r1": "es256", "secp384r1": "es384", "secp521r1": "es512"}
        if private.curve.name in curves:
            return curves[private.curve.name]
    elif isinstance(private, rsa.RSAPrivateKey):
        return "ps256"
    elif isinstance(private, ed25519.Ed25519PrivateKey):
        return "ed25519"
    raise InvalidInputError(
        f"{where}: C2PA signs with EC P-256/P-384/P-521, RSA (PSS) or Ed25519 keys only"
    )


def _public_der(public: object) -> bytes:
    return public.public_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _cert_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _read_anchors(path: Path | None) -> str:
    if path is None:
        return ""
    if not path.is_file():
        raise NotFoundError(f"SHOPCAST_C2PA_TRUST_ANCHORS: no file {path}")
    text = path.read_text()
    try:
        x509.load_pem_x509_certificates(text.encode())
    except ValueError as exc:
        raise InvalidInputError(f"{path}: not a PEM certificate bundle: {exc}") from None
    return text if text.endswith("\n") else text + "\n"


def _write(path: Path, text: str, *, private: bool = False) -> None:
    partial = path.with_name(f".{path.name}.partial")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(partial, flags, 0o600 if private else 0o644)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.replace(partial, path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
