package dev.berth.plugins.capacityscheduling;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * An ElasticQuota's spec, with upstream's field names.
 *
 * @param min what the namespace is guaranteed; unset means nothing (0 CPU, memory and ephemeral storage)
 * @param max what the namespace may use at most; unset means no limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ElasticQuotaSpec(Map<String, Quantity> min, Map<String, Quantity> max) {
}
