package dev.berth.shim.admission;

import dev.berth.shim.json.Json;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The metadata the server owns on create: a name from {@code generateName}, uid, creationTimestamp, generation 1,
 * and nothing a client may not set (resourceVersion, deletion fields).
 */
public final class NewObjectMetadata {
    /** The alphabet of kube's generated name suffixes (no vowels, no look-alikes), five characters long. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final int MAX_GENERATED_BASE = 63 - SUFFIX_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private NewObjectMetadata() {
    }

    public static void fill(ObjectNode object, Instant now) {
        ObjectNode metadata = Json.metadata(object);
        String name = Json.text(metadata.path("name"), "");
        String generateName = Json.text(metadata.path("generateName"), "");
        if (name.isEmpty() && !generateName.isEmpty()) {
            metadata.put("name", generatedName(generateName));
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", Json.timestamp(now));
        metadata.put("generation", 1);
        metadata.remove("resourceVersion");
        metadata.remove("deletionTimestamp");
        metadata.remove("deletionGracePeriodSeconds");
        metadata.remove("selfLink");
    }

    static String generatedName(String base) {
        String prefix = base.length() > MAX_GENERATED_BASE ? base.substring(0, MAX_GENERATED_BASE) : base;
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }
}
