package dev.citadel.catalogapi.comment;

/** Body of POST {@code /catalogitem/{id}/comments}; id, item and creation date are the server's. */
public record CommentRequest(String authorName, String text) {
}
