package dev.berth.plugins.coscheduling;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * A PodGroup's spec, with upstream's field names.
 *
 * @param minMember how many pods must be placed together before any of them binds
 * @param minResources resources the whole group needs; PreFilter turns its pods away while the nodes
 *        have less free in total
 * @param scheduleTimeoutSeconds how long placed pods wait at Permit for the rest; unset means the
 *        plugin's {@code permitWaitingTimeSeconds}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodGroupSpec(Integer minMember, Map<String, Quantity> minResources, Integer scheduleTimeoutSeconds) {
}
