package dev.berth.plugins.coscheduling;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A PodGroup's status as upstream's controller writes it; the scheduler only reads the spec, this is
 * here so status round-trips through the cluster.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodGroupStatus(String phase, String occupiedBy, Integer running, Integer succeeded, Integer failed,
                             String scheduleStartTime) {
}
