using System.Globalization;

namespace InteractionLab.Faults;

/// <summary>
/// How big each fault run is. The defaults keep the whole suite to a few minutes on a two-core CI machine; the
/// environment variables make it as big as the probe was (e.g. <c>INTERACTIONLAB_FAULTS_PARTICIPANTS=200</c>).
/// </summary>
/// <param name="Participants">Participants at once (<c>INTERACTIONLAB_FAULTS_PARTICIPANTS</c>, 30).</param>
/// <param name="EventsPerTick">Events each page records per tick of 250 ms (<c>INTERACTIONLAB_FAULTS_EVENTS_PER_TICK</c>, 5).</param>
/// <param name="Messages">Most messages each participant sends (<c>INTERACTIONLAB_FAULTS_MESSAGES</c>, 6; the demo chat allows 20).</param>
/// <param name="Drops">Connection drops in the network run (<c>INTERACTIONLAB_FAULTS_DROPS</c>, 10).</param>
/// <param name="Outage">How long PostgreSQL stays down after its crash, and a blackhole lasts (<c>INTERACTIONLAB_FAULTS_OUTAGE_SECONDS</c>, 5).</param>
public sealed record FaultSizes(int Participants, int EventsPerTick, int Messages, int Drops, TimeSpan Outage)
{
    /// <summary>The sizes the environment asks for.</summary>
    public static FaultSizes FromEnvironment() => new(
        Read("PARTICIPANTS", 30), Read("EVENTS_PER_TICK", 5), Read("MESSAGES", 6), Read("DROPS", 10), TimeSpan.FromSeconds(Read("OUTAGE_SECONDS", 5)));

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable("INTERACTIONLAB_FAULTS_" + name) is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : fallback;
}
