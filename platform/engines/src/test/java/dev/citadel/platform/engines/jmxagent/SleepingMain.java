package dev.citadel.platform.engines.jmxagent;

/** The smallest JVM to load the JMX agent into: it only waits (a test kills it). */
public final class SleepingMain {

    private SleepingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]));
    }
}
