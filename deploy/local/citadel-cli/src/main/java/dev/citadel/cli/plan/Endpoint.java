package dev.citadel.cli.plan;

/** An address and port a planned component will listen on; {@code role} says which listener, for messages. */
public record Endpoint(String address, int port, String role) {

    @Override
    public String toString() {
        return address + ":" + port + " (" + role + ")";
    }
}
