package dev.berth.store.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeSet;

/**
 * Member ids derived, as etcd derives them, from what every member knows the same way: the peer URLs
 * and the cluster token. All initial members thus agree on each other's ids without talking.
 */
public final class MemberIds {
    private MemberIds() {}

    public static long of(List<String> peerUrls, String clusterToken) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String url : new TreeSet<>(peerUrls)) {
                sha.update(url.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            sha.update(clusterToken.getBytes(StandardCharsets.UTF_8));
            long id = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
