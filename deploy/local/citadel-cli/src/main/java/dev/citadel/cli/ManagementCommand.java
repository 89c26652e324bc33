package dev.citadel.cli;

import java.nio.file.Path;

/**
 * A command that talks to the running components over the network (their ports, JMX, admin APIs). On an isolated run
 * it must run in the management zone, the only zone the design lets reach them: {@link CitadelCommand} re-executes
 * it there.
 */
interface ManagementCommand {

    Path runDir();
}
