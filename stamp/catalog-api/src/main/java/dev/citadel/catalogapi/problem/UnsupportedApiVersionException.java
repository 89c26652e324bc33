package dev.citadel.catalogapi.problem;

import java.util.Map;

/** The URL's version segment is not one this build serves. */
public class UnsupportedApiVersionException extends ApiProblemException {

    private final String supported;

    public UnsupportedApiVersionException(String supported) {
        super(ProblemType.UNSUPPORTED_API_VERSION, "Unsupported API version; supported: " + supported);
        this.supported = supported;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("supportedVersions", java.util.List.of(supported));
    }
}
