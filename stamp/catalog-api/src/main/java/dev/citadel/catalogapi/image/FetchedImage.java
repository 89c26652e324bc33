package dev.citadel.catalogapi.image;

/** Bytes downloaded from an item's imageUrl, with their {@code image/*} media type. */
public record FetchedImage(String contentType, byte[] bytes) {
}
