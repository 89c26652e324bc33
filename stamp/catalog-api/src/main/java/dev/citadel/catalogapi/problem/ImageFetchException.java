package dev.citadel.catalogapi.problem;

/** The item's imageUrl could not be fetched as an image within the limits; nothing was written. */
public class ImageFetchException extends ApiProblemException {

    public ImageFetchException(String detail) {
        super(ProblemType.IMAGE_FETCH_FAILED, detail);
    }

    public ImageFetchException(String detail, Throwable cause) {
        super(ProblemType.IMAGE_FETCH_FAILED, detail, cause);
    }
}
