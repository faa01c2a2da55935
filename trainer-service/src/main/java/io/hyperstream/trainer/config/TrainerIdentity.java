package io.hyperstream.trainer.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Locale;

/** The id this trainer instance writes into its events and logs. */
public record TrainerIdentity(String id) {

    public TrainerIdentity {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("hyperstream.trainer.id must not be blank");
        }
    }

    /**
     * The configured id, or the host name plus four random hex digits, so that several trainers
     * on one machine (or containers sharing a host name) still differ.
     */
    public static TrainerIdentity of(TrainerConfig config) {
        return config.id().map(TrainerIdentity::new).orElseGet(() -> new TrainerIdentity(
                hostName() + "-" + String.format(Locale.ROOT, "%04x", new SecureRandom().nextInt(0x10000))));
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "trainer";
        }
    }
}
