package dev.berth.framework.api;

/**
 * The scores one Score plugin gave to the feasible nodes of one attempt, indexed 0..size-1.
 * Array-backed so that normalization over thousands of nodes allocates nothing.
 */
public final class NodeScores {

    private final String[] nodeNames;
    private final long[] scores;

    public NodeScores(String[] nodeNames, long[] scores) {
        if (nodeNames.length != scores.length) {
            throw new IllegalArgumentException("node names and scores differ in length");
        }
        this.nodeNames = nodeNames;
        this.scores = scores;
    }

    public int size() {
        return scores.length;
    }

    public String nodeName(int index) {
        return nodeNames[index];
    }

    public long score(int index) {
        return scores[index];
    }

    public void setScore(int index, long score) {
        scores[index] = score;
    }

    /** The highest score, or 0 when empty. */
    public long max() {
        long max = scores.length == 0 ? 0 : Long.MIN_VALUE;
        for (long s : scores) {
            max = Math.max(max, s);
        }
        return max;
    }

    /** The lowest score, or 0 when empty. */
    public long min() {
        long min = scores.length == 0 ? 0 : Long.MAX_VALUE;
        for (long s : scores) {
            min = Math.min(min, s);
        }
        return min;
    }
}
