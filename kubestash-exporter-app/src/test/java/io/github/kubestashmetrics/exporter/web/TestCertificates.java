package io.github.kubestashmetrics.exporter.web;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Test-only certificates, made fresh in each test with BouncyCastle (no private key is committed):
 * a CA, and leaf certificates it signs for the server ({@code localhost}, {@code 127.0.0.1}) and
 * for clients, written as PEM with the key in the form a test asks for.
 */
public final class TestCertificates {

  /** The PEM form of a private key. */
  public enum KeyForm {
    /** {@code RSA PRIVATE KEY}: cert-manager's default for RSA. */
    PKCS1_RSA,
    /** {@code PRIVATE KEY} holding an RSA key. */
    PKCS8_RSA,
    /** {@code EC PRIVATE KEY} (SEC 1), P-256. */
    SEC1_EC,
    /** {@code PRIVATE KEY} holding an EC key. */
    PKCS8_EC
  }

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(KeyPair caKeys, X509Certificate ca) {
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /** A new CA named {@code name}. */
  public static TestCertificates authority(String name) throws GeneralSecurityException {
    KeyPair keys = rsa();
    X500Name subject = new X500Name("CN=" + name);
    X509Certificate ca =
        sign(
            new JcaX509v3CertificateBuilder(
                subject,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(Instant.now().minus(1, ChronoUnit.HOURS)),
                Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                subject,
                keys.getPublic()),
            keys,
            true,
            null);
    return new TestCertificates(keys, ca);
  }

  public X509Certificate caCertificate() {
    return ca;
  }

  /** A leaf certificate and its key. */
  public record Leaf(X509Certificate certificate, KeyPair keys, KeyForm form) {

    /** Writes {@code cert} and {@code key} PEM files into {@code dir}. */
    public void write(Path dir, String certName, String keyName) throws IOException {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(certName), pem(certificate));
      Files.writeString(dir.resolve(keyName), keyPem(keys, form));
    }

    /** An SSL context that presents this certificate and trusts {@code trusted}. */
    public SSLContext clientContext(X509Certificate trusted) throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "me", keys.getPrivate(), new char[0], new java.security.cert.Certificate[] {certificate});
      KeyManagerFactory keysFactory = KeyManagerFactory.getInstance("PKIX");
      keysFactory.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keysFactory.getKeyManagers(), trusting(trusted).getTrustManagers(), null);
      return context;
    }
  }

  /** A server certificate for {@code localhost} and {@code 127.0.0.1}, named {@code cn}. */
  public Leaf server(String cn, KeyForm form) throws GeneralSecurityException {
    return leaf(
        cn,
        form,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
  }

  /** A client certificate with the DNS name {@code san}. */
  public Leaf client(String san) throws GeneralSecurityException {
    return leaf(
        san, KeyForm.PKCS8_RSA, new GeneralNames(new GeneralName(GeneralName.dNSName, san)));
  }

  private Leaf leaf(String cn, KeyForm form, GeneralNames names) throws GeneralSecurityException {
    KeyPair keys = form == KeyForm.SEC1_EC || form == KeyForm.PKCS8_EC ? ec() : rsa();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(Instant.now().minus(1, ChronoUnit.HOURS)),
            Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
            new X500Name("CN=" + cn),
            keys.getPublic());
    return new Leaf(sign(builder, caKeys, false, names), keys, form);
  }

  /** An SSL context for a plain client that trusts {@code trusted} and presents nothing. */
  public static SSLContext trustingOnly(X509Certificate trusted) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trusting(trusted).getTrustManagers(), new SecureRandom());
    return context;
  }

  private static TrustManagerFactory trusting(X509Certificate trusted) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", trusted);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    return factory;
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, KeyPair signer, boolean ca, GeneralNames names)
      throws GeneralSecurityException {
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              ca
                  ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                  : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names);
      }
      String algorithm =
          signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** PEM text of a certificate. */
  public static String pem(X509Certificate certificate) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }

  static String keyPem(KeyPair keys, KeyForm form) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      switch (form) {
        case PKCS1_RSA -> writer.writeObject(new JcaMiscPEMGenerator(keys.getPrivate()));
        case SEC1_EC -> writer.writeObject(new PemObject("EC PRIVATE KEY", sec1(keys)));
        case PKCS8_RSA, PKCS8_EC ->
            writer.writeObject(
                new PemObject(
                    "PRIVATE KEY",
                    PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).getEncoded()));
      }
    }
    String text = out.toString();
    String expected =
        switch (form) {
          case PKCS1_RSA -> "-----BEGIN RSA PRIVATE KEY-----";
          case SEC1_EC -> "-----BEGIN EC PRIVATE KEY-----";
          default -> "-----BEGIN PRIVATE KEY-----";
        };
    if (!text.startsWith(expected)) {
      throw new IllegalStateException(
          "expected " + expected + " but wrote " + text.lines().findFirst().orElse(""));
    }
    return text;
  }

  /** The SEC 1 form openssl and cert-manager write: curve named, public key included. */
  private static byte[] sec1(KeyPair keys) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
    java.security.interfaces.ECPrivateKey key =
        (java.security.interfaces.ECPrivateKey) keys.getPrivate();
    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo publicKey =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    return new org.bouncycastle.asn1.sec.ECPrivateKey(
            key.getParams().getOrder().bitLength(),
            key.getS(),
            publicKey.getPublicKeyData(),
            info.getPrivateKeyAlgorithm().getParameters())
        .getEncoded();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
