package dev.citadel.catalogapi.rating;

/** Body of POST {@code /catalogitem/{id}/ratings}: a vote 1..5. */
public record RatingRequest(Integer rating) {
}
