package dev.gdq.api.openapi;

/**
 * Examples shown in the OpenAPI document. The request examples are submitted by the api's tests; the responses
 * have the shape the tests check (ids, times and signatures differ).
 */
public final class Examples {

    public static final String GENERATION_REQUEST = """
            {
              "schemaVersion": 1,
              "model": "fashion-mnist",
              "classes": ["sneaker", "bag"],
              "imagesPerClass": 8,
              "seed": 7,
              "sampler": {"name": "ddim", "steps": 50, "eta": 0.0, "timestepSpacing": "leading"},
              "guidance": {"cfg": {"schedule": {"type": "linear", "from": 1.0, "to": 5.0}}},
              "labels": {"campaign": "spring"}
            }""";

    public static final String GENERATION_REQUEST_BOTH_GUIDANCES = """
            {
              "schemaVersion": 1,
              "model": "fashion-mnist",
              "classes": [0, 9],
              "totalImages": 6,
              "sampler": {"name": "dpmpp-2m", "steps": 20, "timestepSpacing": "trailing"},
              "guidance": {
                "cfg": {"schedule": {"type": "interval", "scale": 4.0, "sigmaLow": 0.3, "sigmaHigh": 5.0}},
                "classifier": {"schedule": {"type": "constant", "scale": 1.0}},
                "rescale": 0.7,
                "thresholding": {"percentile": 0.995}
              },
              "priority": 7
            }""";

    public static final String JOB_QUEUED = """
            {
              "id": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9",
              "state": "QUEUED",
              "model": "fashion-mnist",
              "imageCount": 16,
              "taskCount": 1,
              "seed": 7,
              "priority": 5,
              "labels": {"campaign": "spring"},
              "progress": {"imagesDone": 0, "imagesTotal": 16, "tasksQueued": 1, "tasksRunning": 0,
                           "tasksCompleted": 0, "tasksFailed": 0, "tasksCancelled": 0},
              "timings": {"queuedAt": "2026-11-23T16:20:00Z"},
              "links": {"self": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9",
                        "events": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/events",
                        "cancel": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/cancel"}
            }""";

    public static final String JOB_COMPLETED = """
            {
              "id": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9",
              "state": "COMPLETED",
              "model": "fashion-mnist",
              "imageCount": 2,
              "taskCount": 1,
              "seed": 7,
              "priority": 5,
              "progress": {"imagesDone": 2, "imagesTotal": 2, "step": 50, "steps": 50, "tasksQueued": 0,
                           "tasksRunning": 0, "tasksCompleted": 1, "tasksFailed": 0, "tasksCancelled": 0},
              "images": [
                {"index": 0, "objectKey": "jobs/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/0.png",
                 "url": "http://127.0.0.1:9000/gdq-images/jobs/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/0.png?X-Amz-Algorithm=...",
                 "expiresAt": "2026-11-23T17:21:00Z"},
                {"index": 1, "objectKey": "jobs/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/1.png",
                 "url": "http://127.0.0.1:9000/gdq-images/jobs/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/1.png?X-Amz-Algorithm=...",
                 "expiresAt": "2026-11-23T17:21:00Z"}
              ],
              "timings": {"queuedAt": "2026-11-23T16:20:00Z", "startedAt": "2026-11-23T16:20:01Z",
                          "finishedAt": "2026-11-23T16:20:06Z"},
              "links": {"self": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9",
                        "events": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/events",
                        "cancel": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/cancel"}
            }""";

    public static final String JOB_LIST = """
            {
              "items": [
                {"id": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9", "state": "RUNNING", "model": "fashion-mnist",
                 "imageCount": 16, "taskCount": 1,
                 "progress": {"imagesDone": 4, "imagesTotal": 16, "step": 25, "steps": 50, "tasksQueued": 0,
                              "tasksRunning": 1, "tasksCompleted": 0, "tasksFailed": 0, "tasksCancelled": 0},
                 "timings": {"queuedAt": "2026-11-23T16:20:00Z", "startedAt": "2026-11-23T16:20:01Z"},
                 "links": {"self": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9"}}
              ],
              "nextCursor": "am9iLTAxSkRYS1o4UTNNNVQ3VjlYMVozQjVEN0Y5"
            }""";

    public static final String INVALID_REQUEST = """
            {
              "type": "urn:gdq:problem:invalid-request",
              "title": "The request is invalid",
              "status": 400,
              "detail": "2 violations; see 'violations'",
              "instance": "/v1/generations",
              "violations": [
                {"field": "sampler.steps", "rule": "OUT_OF_RANGE",
                 "message": "sampler.steps: must be in 1..1000 (model fashion-mnist has T = 1000, this server allows 1000), was 0"},
                {"field": "classes[1]", "rule": "UNKNOWN",
                 "message": "classes[1]: unknown class 'boot'; the model's classes: [t-shirt, trouser, ...]"}
              ]
            }""";

    public static final String IDEMPOTENCY_CONFLICT = """
            {
              "type": "urn:gdq:problem:idempotency-conflict",
              "title": "Idempotency key already used with another request",
              "status": 409,
              "detail": "Idempotency-Key 'order-42' was used for job job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9 with a different request body; use a new key for a new request",
              "instance": "/v1/generations",
              "jobId": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9"
            }""";

    public static final String UNAUTHORIZED = """
            {
              "type": "urn:gdq:problem:unauthorized",
              "title": "An API key is required",
              "status": 401,
              "detail": "give a known API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'",
              "instance": "/v1/generations"
            }""";

    public static final String NOT_FOUND = """
            {
              "type": "urn:gdq:problem:not-found",
              "title": "No such job",
              "status": 404,
              "detail": "no job 'job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9' for this API key",
              "instance": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9",
              "jobId": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9"
            }""";

    public static final String JOB_FINISHED = """
            {
              "type": "urn:gdq:problem:job-finished",
              "title": "The job has already finished",
              "status": 409,
              "detail": "job job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9 is COMPLETED; only unfinished jobs can be cancelled",
              "instance": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9/cancel",
              "jobId": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9",
              "state": "COMPLETED"
            }""";

    public static final String BATCH_BODY = """
            {"schemaVersion": 1, "model": "fashion-mnist", "classes": ["sneaker"], "totalImages": 4, "sampler": {"name": "ddim", "steps": 30}}
            {"schemaVersion": 1, "model": "fashion-mnist", "classes": ["boot"], "totalImages": 4, "sampler": {"name": "ddim", "steps": 30}}
            {"schemaVersion": 1, "model": "fashion-mnist", "classes": [3], "totalImages": 2, "sampler": {"name": "euler", "steps": 20}, "idempotencyKey": "dress-2"}
            """;

    public static final String BATCH_RESPONSE = """
            {
              "batchId": "batch-01JDXKZ8Q3M5T7V9X1Z3B5D7G0",
              "lines": 3,
              "queued": 2,
              "replayed": 0,
              "rejected": 1,
              "results": [
                {"line": 1, "status": "queued", "job": {"id": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7G1", "state": "QUEUED"}},
                {"line": 2, "status": "rejected", "problem": {"line": 2, "type": "urn:gdq:problem:invalid-request",
                  "title": "The request is invalid", "status": 400,
                  "violations": [{"field": "classes[0]", "rule": "UNKNOWN", "message": "classes[0]: unknown class 'boot'; ..."}]}},
                {"line": 3, "status": "queued", "job": {"id": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7G2", "state": "QUEUED"}}
              ]
            }""";

    public static final String CANCEL_ACCEPTED = """
            {
              "id": "job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9",
              "state": "CANCELLING",
              "model": "fashion-mnist",
              "imageCount": 16,
              "taskCount": 4,
              "cancelReason": "user request",
              "timings": {"queuedAt": "2026-11-23T16:20:00Z", "startedAt": "2026-11-23T16:20:01Z",
                          "cancelRequestedAt": "2026-11-23T16:20:04Z"},
              "links": {"self": "/v1/generations/job-01JDXKZ8Q3M5T7V9X1Z3B5D7F9"}
            }""";

    public static final String EVENT_STREAM = """
            id: 0
            event: queued
            data: {"schemaVersion":1,"eventId":"5b0a...","jobId":"job-01JD...","type":"QUEUED","timestamp":"2026-11-23T16:20:00Z",...}

            id: 1
            event: state
            data: {"jobId":"job-01JD...","state":"QUEUED","at":"2026-11-23T16:20:00Z"}

            id: 2
            event: started
            data: {"schemaVersion":1,"jobId":"job-01JD...","type":"STARTED","taskIndex":0,...}

            id: 3
            event: state
            data: {"jobId":"job-01JD...","state":"RUNNING","previous":"QUEUED","at":"2026-11-23T16:20:01Z"}

            id: 5
            event: completed
            data: {"schemaVersion":1,"jobId":"job-01JD...","type":"COMPLETED","taskIndex":0,"objectKeys":[...],...}

            id: 6
            event: state
            data: {"jobId":"job-01JD...","state":"COMPLETED","previous":"RUNNING","at":"2026-11-23T16:20:06Z"}

            event: job
            data: {"id":"job-01JD...","state":"COMPLETED","images":[{"index":0,"url":"http://..."}],...}
            """;

    private Examples() {
    }
}
