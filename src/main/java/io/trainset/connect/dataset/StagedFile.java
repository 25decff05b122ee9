package io.trainset.connect.dataset;

/**
 * A finished data file of a unit's commit, uploaded (or being uploaded) to its staged key, from which the
 * commit publishes it under its key.
 *
 * @param key    the file's key relative to the output location, where readers find it once published
 * @param staged where it is uploaded before the commit ({@link Staging})
 * @param rows   rows in the file
 */
public record StagedFile(String key, String staged, long rows) {}
