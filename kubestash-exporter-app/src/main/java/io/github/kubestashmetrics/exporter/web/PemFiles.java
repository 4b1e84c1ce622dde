package io.github.kubestashmetrics.exporter.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads PEM files: certificate chains, and private keys in PKCS#1 ({@code RSA PRIVATE KEY},
 * cert-manager's default for RSA), PKCS#8 ({@code PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY})
 * form. Encrypted keys are refused (the toolkit refuses them too).
 */
final class PemFiles {

  private PemFiles() {}

  /** Every certificate in {@code file}, in order; at least one. */
  static List<X509Certificate> certificates(Path file) throws WebConfigException {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(in)) {
      for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new WebConfigException(file + ": not a PEM certificate file: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new WebConfigException(file + ": no PEM CERTIFICATE block");
    }
    return certificates;
  }

  /** The first private key in {@code file}. */
  static PrivateKey privateKey(Path file) throws WebConfigException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(in)) {
      for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
        if (object instanceof PEMKeyPair pair) {
          // An EC PRIVATE KEY may leave its public key out: only the private part is needed.
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new WebConfigException(
          file + ": not a PEM private key (PKCS#1, PKCS#8 or EC, unencrypted): " + e.getMessage(),
          e);
    }
    throw new WebConfigException(
        file + ": no unencrypted PEM private key (RSA PRIVATE KEY, PRIVATE KEY or EC PRIVATE KEY)");
  }

  /**
   * Whether {@code key} belongs to {@code certificate}: a signature made with the key verifies with
   * the certificate's public key. A rotation caught between writing the two files fails this.
   */
  static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    if (!key.getAlgorithm().equals("EC") && !key.getAlgorithm().equals("RSA")) {
      return key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm());
    }
    byte[] probe = "kubestash-exporter key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
