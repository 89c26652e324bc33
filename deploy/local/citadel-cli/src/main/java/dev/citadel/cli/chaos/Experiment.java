package dev.citadel.cli.chaos;

import java.util.function.Supplier;

/** One named experiment; {@code fault} makes a fresh fault for each run. */
public record Experiment(String name, String description, Supplier<Fault> fault) {}
