package dev.berth.store.etcd;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.InvalidMessageException;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.WireFormat;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link GrpcServer} the etcd services bind to, so that messages the gRPC layer itself refuses get the answers
 * etcd's grpc-go gives: a message over the size limit ResourceExhausted "grpc: received message larger than max
 * (N vs. M)", one that does not parse Internal "grpc: error unmarshalling request: ...". Left alone, Vert.x answers
 * the first without a message and resets the stream on the second. Everything else goes to the wrapped server.
 */
final class GrpcGoErrors implements GrpcServer {
    private final GrpcServer server;
    private final long maxMessageBytes;
    private final List<Service> services = new CopyOnWriteArrayList<>();

    GrpcGoErrors(GrpcServer server, long maxMessageBytes) {
        this.server = server;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public <Req, Resp> GrpcServer callHandler(ServiceMethod<Req, Resp> method, Handler<GrpcServerRequest<Req, Resp>> handler) {
        server.callHandler(ServiceMethod.server(method.serviceName(), method.methodName(), method.encoder(), lenient(method.decoder())),
                request -> {
                    request.invalidMessageHandler(invalid -> refuse(request, invalid));
                    handler.handle(answeringMalformed(request));
                });
        return this;
    }

    @Override
    public GrpcServer callHandler(Handler<GrpcServerRequest<Buffer, Buffer>> handler) {
        server.callHandler(handler);
        return this;
    }

    @Override
    public GrpcServer addService(Service service) {
        service.bind(this);
        services.add(service);
        return this;
    }

    @Override
    public List<Service> services() {
        return List.copyOf(services);
    }

    @Override
    public void handle(HttpServerRequest request) {
        server.handle(request);
    }

    private void refuse(GrpcServerRequest<?, ?> request, InvalidMessageException invalid) {
        if (invalid instanceof MessageSizeOverflowException overflow) {
            request.response().status(GrpcStatus.RESOURCE_EXHAUSTED).statusMessage("grpc: received message larger than max ("
                    + overflow.messageSize() + " vs. " + maxMessageBytes + ")").end();
        } else {
            refuseUnparsable(request, reason(invalid));
        }
    }

    private static void refuseUnparsable(GrpcServerRequest<?, ?> request, String reason) {
        request.response().status(GrpcStatus.INTERNAL).statusMessage("grpc: error unmarshalling request: " + reason).end();
    }

    /** What the parser (or decompressor) said, which Vert.x wraps. */
    private static String reason(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** A message that did not parse, passed on by {@link #lenient} in place of the request message. */
    private record Malformed(String reason) {}

    /**
     * {@code decoder}, returning a {@link Malformed} instead of throwing: Vert.x still decompresses and picks the wire
     * format, and the message handler gets to answer, where a thrown error would make Vert.x reset the stream.
     */
    private static <Req> GrpcMessageDecoder<Object> lenient(GrpcMessageDecoder<Req> decoder) {
        return new GrpcMessageDecoder<>() {
            @Override
            public Object decode(GrpcMessage message) {
                try {
                    return decoder.decode(message);
                } catch (CodecException e) {
                    return new Malformed(reason(e));
                }
            }

            @Override
            public boolean accepts(WireFormat format) {
                return decoder.accepts(format);
            }
        };
    }

    /**
     * {@code request} as the generated service code sees it, except that a {@link Malformed} message is answered
     * with grpc-go's error instead of reaching the service. A proxy, because the generated code takes the whole
     * request interface and only {@code handler} needs to differ.
     */
    @SuppressWarnings("unchecked")
    private static <Req, Resp> GrpcServerRequest<Req, Resp> answeringMalformed(GrpcServerRequest<Object, Resp> request) {
        return (GrpcServerRequest<Req, Resp>) Proxy.newProxyInstance(GrpcGoErrors.class.getClassLoader(),
                new Class<?>[] {GrpcServerRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handler") && args != null && args.length == 1 && args[0] != null) {
                        Handler<Object> messages = (Handler<Object>) args[0];
                        request.handler(message -> {
                            if (message instanceof Malformed malformed) {
                                refuseUnparsable(request, malformed.reason());
                            } else {
                                messages.handle(message);
                            }
                        });
                        return proxy;
                    }
                    try {
                        Object result = method.invoke(request, args);
                        return result == request ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
