package io.hyperstream.trainer.rest;

import io.hyperstream.trainer.messaging.TrialQueue;
import io.hyperstream.trainer.service.TrainerStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this trainer is doing, for operators. */
@Path("/api/trainer")
@Produces(MediaType.APPLICATION_JSON)
public class TrainerResource {

    private final TrialQueue queue;

    public TrainerResource(TrialQueue queue) {
        this.queue = queue;
    }

    /** This trainer's id, share group, running trial and its attempt, and counts. */
    @GET
    public TrainerStatus status() {
        return queue.status();
    }
}
