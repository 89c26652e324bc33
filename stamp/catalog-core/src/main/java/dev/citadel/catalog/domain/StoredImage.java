package dev.citadel.catalog.domain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Image bytes kept in the database and served at {@code /images/{id}}.
 *
 * <p>Unlike the other domain values this one is built by server code only, so it checks its fields. The byte array
 * is copied in and out: a record holding a mutable array would otherwise let callers change a stored value.
 *
 * @param id          image id
 * @param contentType an {@code image/*} media type
 * @param bytes       the image
 * @param etag        strong entity tag (quoted), see {@link #etagOf(byte[])}
 */
public record StoredImage(UUID id, String contentType, byte[] bytes, String etag) {

  public StoredImage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(etag, "etag");
    bytes = bytes.clone();
  }

  /** An image whose etag is derived from its content. */
  public static StoredImage of(UUID id, String contentType, byte[] bytes) {
    return new StoredImage(id, contentType, bytes, etagOf(bytes));
  }

  /** Strong ETag: quoted hex SHA-256 of the bytes, so equal content gives equal tags in every region. */
  public static String etagOf(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return '"' + HexFormat.of().formatHex(digest) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Size without copying. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredImage other
        && id.equals(other.id)
        && contentType.equals(other.contentType)
        && Arrays.equals(bytes, other.bytes)
        && etag.equals(other.etag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, contentType, Arrays.hashCode(bytes), etag);
  }

  @Override
  public String toString() {
    return "StoredImage[id=" + id + ", contentType=" + contentType + ", size=" + bytes.length + ", etag=" + etag + "]";
  }
}
