package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.citadel.catalog.domain.StoredImage;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/** Image bytes by id, with content type and etag, served at {@code /images/{id}}. */
final class ImageTable {

  private final StoreSession db;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  ImageTable(StoreSession db) {
    this.db = db;
    insert = db.prepare("INSERT INTO {ks}.images (id, content_type, bytes, etag) VALUES (?, ?, ?, ?)");
    select = db.prepare("SELECT id, content_type, bytes, etag FROM {ks}.images WHERE id = ?");
  }

  void put(StoredImage image) {
    db.execute("write image",
        db.bind(insert, image.id(), image.contentType(), ByteBuffer.wrap(image.bytes()), image.etag()));
  }

  Optional<StoredImage> find(UUID id) {
    Row row = db.execute("read image", db.bind(select, id)).one();
    if (row == null) {
      return Optional.empty();
    }
    ByteBuffer buffer = row.getByteBuffer("bytes");
    byte[] bytes = new byte[buffer == null ? 0 : buffer.remaining()];
    if (buffer != null) {
      buffer.duplicate().get(bytes);
    }
    return Optional.of(new StoredImage(row.getUuid("id"), row.getString("content_type"), bytes,
        row.getString("etag")));
  }
}
