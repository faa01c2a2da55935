package io.hyperstream.results.service;

import java.util.List;

/**
 * One page of a sorted list.
 *
 * @param page  the page number, from 0
 * @param size  the page size asked for
 * @param total how many items all pages hold together
 */
public record Page<T>(int page, int size, long total, List<T> items) {
}
