package dev.citadel.cli.chaos;

import java.time.Duration;

/** What an experiment does to the running system: injected once, held for {@link #hold()}, then healed. */
public interface Fault {

    void inject();

    /** How long the fault lasts before {@link #heal()}; zero for a kill, which the supervisor alone repairs. */
    Duration hold();

    /** Undoes what {@link #inject()} did (resume, remove the rule); a no-op for a kill. */
    void heal();
}
