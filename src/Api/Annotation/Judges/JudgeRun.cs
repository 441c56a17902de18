using InteractionLab.Api.Data;

namespace InteractionLab.Api.Annotation.Judges;

/// <summary>What a researcher asks of an LM judge run.</summary>
/// <param name="Endpoint">Registry endpoint name.</param>
/// <param name="Model">Model at that endpoint.</param>
/// <param name="Seed">Seed sent with every call (recorded with the judge).</param>
/// <param name="Temperature">Sampling temperature (0: the model's most likely answer).</param>
public sealed record JudgeRequest(string Endpoint, string Model, int Seed = 16, float Temperature = 0);

/// <summary>Where an LM judge run is (the job's progress view).</summary>
/// <param name="JobId">The job.</param>
/// <param name="ProjectId">The project.</param>
/// <param name="Model">"endpoint/model".</param>
/// <param name="State">Queued, running, succeeded or failed.</param>
/// <param name="Done">Items rated so far (this run and earlier runs of the same model).</param>
/// <param name="Total">Items to rate.</param>
/// <param name="Unreadable">Items whose answer could not be read as the form (nothing stored for them).</param>
/// <param name="Message">What happened, for the researcher.</param>
public sealed record JudgeRunView(Guid JobId, Guid ProjectId, string Model, JobState State, int Done, int Total, int Unreadable, string? Message);
