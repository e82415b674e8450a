using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>
/// A step that keeps failing: retried while it might be an outage, suspended once it has failed for hours, and
/// left alone by the sweep until an operator resumes it.
/// </summary>
public class ProcessSuspensionTests
{
    private const string Tenant = "tenant-s";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_step_failing_through_a_short_outage_is_retried_and_then_succeeds_once()
    {
        var (runtime, definition, clock) = await NewRuntimeAsync();
        await runtime.StartAsync(Tenant, "poke:1", new PokeState(0), Start);

        for (var attempt = 0; attempt < 12; attempt++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => runtime.RunAsync(new WakeMessage(Tenant, "poke:1", null)));
            clock.Advance(TimeSpan.FromMinutes(5));
        }
        var failing = await runtime.GetAsync(Tenant, "poke:1");
        Assert.False(failing!.Suspended);
        Assert.Equal(12, failing.Failures);
        Assert.Contains("Stripe is down", failing.LastError);

        definition.Failing = false;
        await runtime.RunAsync(new WakeMessage(Tenant, "poke:1", null));

        var done = await runtime.GetAsync(Tenant, "poke:1");
        Assert.True(done!.Completed);
        Assert.Equal(0, done.Failures);
        Assert.Equal(1, definition.Performed);
    }

    [Fact]
    public async Task A_step_failing_for_six_hours_is_suspended_skipped_by_the_sweep_and_resumed_by_an_operator()
    {
        var (runtime, definition, clock) = await NewRuntimeAsync();
        await runtime.StartAsync(Tenant, "poke:2", new PokeState(0), Start);

        var attempts = 0;
        while (!(await runtime.GetAsync(Tenant, "poke:2"))!.Suspended)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => runtime.RunAsync(new WakeMessage(Tenant, "poke:2", null)));
            clock.Advance(TimeSpan.FromMinutes(30));
            Assert.True(++attempts <= 14, "The instance was never suspended.");
        }
        Assert.Equal(13, attempts); // the 13th failure is the first one six hours after the first

        var before = definition.Attempts;
        Assert.Equal(0, await runtime.SweepAsync(TimeSpan.Zero));
        await runtime.RunAsync(new WakeMessage(Tenant, "poke:2", null));
        Assert.Equal(before, definition.Attempts);

        definition.Failing = false;
        Assert.True(await runtime.ResumeAsync(Tenant, "poke:2"));
        Assert.False(await runtime.ResumeAsync(Tenant, "poke:2"));
        await runtime.RunAsync(new WakeMessage(Tenant, "poke:2", null));

        var resumed = await runtime.GetAsync(Tenant, "poke:2");
        Assert.True(resumed!.Completed);
        Assert.False(resumed.Suspended);
        Assert.Equal(1, definition.Performed);
    }

    private static async Task<(ProcessRuntime<PokeState, PokeEvent, Poke>, PokeDefinition, FakeTimeProvider)> NewRuntimeAsync()
    {
        var (table, queue) = ("t" + Guid.NewGuid().ToString("N"), "q-" + Guid.NewGuid().ToString("N"));
        await new TableClient(RenewalHarness.ConnectionString, table).CreateIfNotExistsAsync();
        await new QueueClient(RenewalHarness.ConnectionString, queue, StorageExtensions.QueueOptions()).CreateIfNotExistsAsync();
        var clock = new FakeTimeProvider(Start);
        var definition = new PokeDefinition();
        var runtime = new ProcessRuntime<PokeState, PokeEvent, Poke>(new ProcessStore(new TableClient(RenewalHarness.ConnectionString, table)),
            new QueueClient(RenewalHarness.ConnectionString, queue, StorageExtensions.QueueOptions()), definition, clock, NullLogger.Instance);
        return (runtime, definition, clock);
    }

    public sealed record PokeState(int Pokes);
    public abstract record PokeEvent;
    public sealed record PokeWoken : PokeEvent;
    public sealed record Poked : PokeEvent;
    public sealed record Poke(string Key);

    /// <summary>Pokes once, then completes; the poke throws while <see cref="Failing"/>, as a call to a dead service would.</summary>
    private sealed class PokeDefinition : ProcessDefinition<PokeState, PokeEvent, Poke>
    {
        public bool Failing { get; set; } = true;
        public int Attempts { get; private set; }
        public int Performed { get; private set; }

        public override string Name => "poke";
        public override PokeEvent Woken { get; } = new PokeWoken();
        public override JsonSerializerOptions Json { get; } = ProcessJson.Create(
            (typeof(PokeEvent), [(typeof(PokeWoken), "woken"), (typeof(Poked), "poked")]));

        public override Decision<PokeState, Poke> Decide(PokeState state, PokeEvent @event, DateTimeOffset now) => @event switch
        {
            Poked => Decision<PokeState, Poke>.Complete(state with { Pokes = state.Pokes + 1 }),
            _ => Decision<PokeState, Poke>.Perform(state, new Poke("poke"), now),
        };

        public override Task<PokeEvent> PerformAsync(ProcessRuntime<PokeState, PokeEvent, Poke> runtime, string tenant, Poke effect,
            CancellationToken cancellationToken)
        {
            Attempts++;
            if (Failing) throw new HttpRequestException("Stripe is down");
            Performed++;
            return Task.FromResult<PokeEvent>(new Poked());
        }

        public override string Describe(Poke effect) => $"Poke {effect.Key}";
    }
}
