package dev.berth.plugins.capacityscheduling;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * An ElasticQuota's status, with upstream's field name. The plugin does not read it: it counts the
 * namespace's placed pods itself, as upstream's scheduler does (upstream's controller writes it).
 *
 * @param used what the namespace's pods request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ElasticQuotaStatus(Map<String, Quantity> used) {
}
