package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consistent hashing by weighted rendezvous (highest random weight) hashing: each eligible instance scores
 * {@code weight / -ln(u)}, {@code u} a uniform number in (0, 1) drawn from the hash of the key and the instance's URI,
 * and the highest score wins. Every key therefore has a fixed order of preference over the instances: when an
 * instance is ejected or added only the keys whose first choice it is move, each to its next choice, and the shares
 * follow the weights. No ring and no state: one pass over the eligible instances per request. The hash (64-bit
 * FNV-1a, finished with a MurmurHash3 mix) is the same in every JVM, so gateways that share a configuration send a
 * key to the same instance. See {@link LoadBalancers#consistentHash(HashKey)}.
 */
final class ConsistentHash implements LoadBalancer {
    private final List<Upstream> instances;
    private final InstanceIndex index;
    private final long[] instanceHashes;
    private final HashKey key;

    ConsistentHash(List<Upstream> instances, HashKey key) {
        this.instances = List.copyOf(instances);
        this.index = new InstanceIndex(this.instances);
        this.instanceHashes = this.instances.stream().mapToLong(instance -> hash(instance.uri().toString())).toArray();
        this.key = key;
    }

    @Override
    public Upstream choose(GatewayRequest request) {
        return choose(request, instances);
    }

    @Override
    public Upstream choose(GatewayRequest request, List<Upstream> eligible) {
        Optional<String> value = key.key(request);
        if (value.isEmpty()) {
            return eligible.get(ThreadLocalRandom.current().nextInt(eligible.size()));
        }
        long keyHash = hash(value.get());
        Upstream best = null;
        double bestScore = -1;
        for (Upstream candidate : eligible) {
            double unit = ((mix(keyHash ^ instanceHashes[index.of(candidate)]) >>> 11) + 0.5) * 0x1.0p-53;
            double score = candidate.weight() / -Math.log(unit);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return mix(hash);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    private static long mix(long value) {
        long h = value;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    @Override
    public String toString() {
        return "consistentHash(" + key + ")";
    }
}
