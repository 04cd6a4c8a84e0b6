using System.Diagnostics;
using System.Globalization;
using Serilog;
using SushOps.Inventories;

namespace SushOps.Studio;

/// <summary>
/// Promotes chefs' staged trees one at a time: is something staged, what does Studio's diff say, do the rules
/// pass; then deploy, wait until Studio applied it, publish with version notes, wait for the new version.
/// Studio's failures end the chef's promotion as <see cref="PromotionResult.Failed"/>, not the whole command.
/// </summary>
public sealed class Promoter(
    StudioClient studio,
    IRunRecordStore runs,
    DeployAccount? account,
    PromotionOptions options)
{
    private StudioException? _loginFailure;

    /// <summary>Judges the staged tree of <paramref name="chef"/> and, when the rules allow, promotes it.</summary>
    public async Task<Promotion> PromoteAsync(Chef chef, ReviewRules rules, CancellationToken cancellationToken)
    {
        if (chef.ChannelId is not { } channelId)
        {
            return new Promotion(chef, PromotionResult.Skipped, "skipped: no Channel ID in the inventory");
        }

        RunRecord? run = null;
        Promotion promotion;
        try
        {
            run = await runs.LatestAsync(chef, cancellationToken);
            promotion = await DecideAndActAsync(chef, channelId, run, rules, cancellationToken);
        }
        catch (StudioException e)
        {
            promotion = new Promotion(chef, PromotionResult.Failed, "failed: " + e.Message) { Run = run };
        }

        return await KeepAsync(promotion, cancellationToken);
    }

    private async Task<Promotion> DecideAndActAsync(
        Chef chef,
        string channelId,
        RunRecord? run,
        ReviewRules rules,
        CancellationToken cancellationToken)
    {
        var statuses = await studio.GetChannelStatusesAsync([channelId], cancellationToken);
        switch (statuses.GetValueOrDefault(channelId, ChannelStatus.Unpublished))
        {
            case ChannelStatus.Deleted:
                throw new StudioException(
                    $"Studio says channel {channelId} was deleted; fix the inventory's Channel ID");
            case ChannelStatus.Active or ChannelStatus.Unpublished:
                return new Promotion(chef, PromotionResult.NothingToPromote,
                    $"nothing to promote: channel {channelId} has no staged tree")
                { Run = run };
        }

        var channel = await studio.GetChannelAsync(channelId, cancellationToken);
        if (channel.StagingRootId is not { } stagingRoot || channel.RootId is not { } root)
        {
            return new Promotion(chef, PromotionResult.NothingToPromote,
                $"nothing to promote: channel {channelId} has no staged tree")
            { Run = run };
        }

        var diff = await WaitForDiffAsync(chef, stagingRoot, root, cancellationToken);

        // A record that was promoted already cannot be the run that staged this newer tree.
        var stagingRun = run?.PromotionState is "promoted" or "deployed" ? null : run;
        var findings = Review.Evaluate(diff, stagingRun, rules);
        var failures = Review.Failures(findings);
        var decided = new Promotion(chef, PromotionResult.Held, "") { Diff = diff, Findings = findings, Run = run };
        if (failures.Count > 0 && !options.Force)
        {
            return decided with
            {
                Message = $"held for review: {failures.Count} of {findings.Count} rules failed "
                    + $"({string.Join(", ", failures.Select(f => f.Rule))}); promote it with --force after a look",
            };
        }

        var forcedBy = failures.Count > 0 ? options.Operator : null;
        decided = decided with { ForcedBy = forcedBy };
        if (options.DryRun)
        {
            return decided with { Result = PromotionResult.WouldDeploy, Message = Forced("would deploy", forcedBy) };
        }

        if (account is null)
        {
            return decided with
            {
                Result = PromotionResult.ReadyToDeploy,
                Message = Forced("ready to deploy", forcedBy) + ", but no deploy account is configured: Studio "
                    + "deploys only for a logged-in account, so set studio.credentials_file to a YAML file "
                    + "(chmod 600) with email: and password:",
            };
        }

        await DeployAsync(channel, stagingRoot, cancellationToken);
        if (options.NoPublish)
        {
            return decided with
            {
                Result = PromotionResult.Deployed,
                Message = Forced("deployed", forcedBy) + "; not published (--no-publish)",
            };
        }

        var version = await PublishAsync(channel, VersionNotes(chef, stagingRun, forcedBy), cancellationToken);
        return decided with
        {
            Result = PromotionResult.Promoted,
            Version = version,
            Message = Forced("deployed", forcedBy) + $" and published as version {version}",
        };
    }

    private async Task<NodeDiff> WaitForDiffAsync(
        Chef chef,
        string stagingRoot,
        string root,
        CancellationToken cancellationToken)
    {
        var requested = false;
        var lookup = await PollAsync(options.Timings.DiffWait, async () =>
        {
            var answer = await studio.GetNodeDiffAsync(stagingRoot, root, cancellationToken);
            if (answer.Status == NodeDiffStatus.NotAvailable && !requested)
            {
                Log.Information("Asking Studio to generate the diff of {Chef}", chef.Name);
                await studio.GenerateNodeDiffAsync(stagingRoot, root, cancellationToken);
                requested = true;
            }

            return answer.Status == NodeDiffStatus.Ready ? answer : null;
        }, cancellationToken);
        return lookup?.Diff ?? throw new StudioException(
            $"Studio did not finish the diff of {chef.Name}'s staged tree within {Minutes(options.Timings.DiffWait)}; "
            + "run promote again later");
    }

    private async Task DeployAsync(StudioChannel channel, string stagingRoot, CancellationToken cancellationToken)
    {
        await LoginOnceAsync(cancellationToken);
        var serverRev = await studio.RequestDeployAsync(channel.Id, cancellationToken);
        Log.Information("Studio accepted the deploy of {Channel} as change {Rev}", channel.Id, serverRev);

        // Studio applies the change in a background task; the channel shows it done when the staged tree
        // became the live tree, and a failed change comes back in the session's errors.
        var done = await PollAsync(options.Timings.DeployWait, async () =>
        {
            var check = await studio.CheckDeployAsync(channel.Id, serverRev, cancellationToken);
            if (check.Errors.Count > 0)
            {
                throw new StudioException(
                    $"Studio could not deploy channel {channel.Id}: {string.Join("; ", check.Errors)}");
            }

            var now = await studio.GetChannelAsync(channel.Id, cancellationToken);
            return now.StagingRootId is null && now.RootId == stagingRoot ? now : null;
        }, cancellationToken);
        if (done is null)
        {
            throw new StudioException(
                $"Studio accepted the deploy of channel {channel.Id} but had not applied it after "
                + $"{Minutes(options.Timings.DeployWait)}; look at the channel in Studio");
        }
    }

    private async Task<int> PublishAsync(StudioChannel channel, string notes, CancellationToken cancellationToken)
    {
        var before = (await studio.GetChannelAsync(channel.Id, cancellationToken)).Version;
        await studio.PublishAsync(channel.Id, notes, cancellationToken);

        // Publishing has no task id to follow: a higher version, no longer publishing, is the confirmation.
        var published = await PollAsync(options.Timings.PublishWait, async () =>
        {
            var now = await studio.GetChannelAsync(channel.Id, cancellationToken);
            return now.Version > before && !now.Publishing ? now : null;
        }, cancellationToken);
        return published?.Version ?? throw new StudioException(
            $"Studio started publishing channel {channel.Id} (version {before}) but no new version appeared within "
            + $"{Minutes(options.Timings.PublishWait)}; look at the channel in Studio");
    }

    private async Task LoginOnceAsync(CancellationToken cancellationToken)
    {
        if (_loginFailure is not null)
        {
            throw _loginFailure;
        }

        if (!studio.LoggedIn)
        {
            try
            {
                await studio.LoginAsync(account!, cancellationToken);
            }
            catch (StudioException e)
            {
                _loginFailure = e;
                throw;
            }
        }
    }

    // The decision stands even when its record cannot be written (the host went away meanwhile): the message
    // says so, since status will still show the record as it was.
    private async Task<Promotion> KeepAsync(Promotion promotion, CancellationToken cancellationToken)
    {
        var record = promotion.Run;
        var keep = !options.DryRun && record is not null
            && promotion.Result is not PromotionResult.Skipped
            && record.PromotionState is not ("promoted" or "deployed");
        if (!keep)
        {
            return promotion;
        }

        try
        {
            var json = record!.WithPromotion(promotion.ToJson());
            await runs.SaveAsync(promotion.Chef, record, json, cancellationToken);
            return promotion;
        }
        catch (Exception e) when (e is SushOpsException or IOException or UnauthorizedAccessException)
        {
            Log.Warning("The promotion of {Chef} was not written into {Record}: {Reason}",
                promotion.Chef.Name, record!.Name, e.Message);
            return promotion with { Message = $"{promotion.Message} (not recorded in {record.Name}: {e.Message})" };
        }
    }

    private async Task<T?> PollAsync<T>(TimeSpan limit, Func<Task<T?>> attempt, CancellationToken cancellationToken)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        var pause = options.Timings.FirstPoll;
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            if (clock.Elapsed + pause > limit)
            {
                return null;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.Timings.MaxPoll.Ticks));
        }
    }

    /// <summary>The version notes: which chef, at which commit, from which run; and who forced it.</summary>
    public static string VersionNotes(Chef chef, RunRecord? run, string? forcedBy)
    {
        var commit = run?.Commit is { Length: > 0 } c ? c[..Math.Min(12, c.Length)] : "unknown commit";
        var time = run?.Start ?? "unknown run time";
        var notes = $"Automatic update by sushops: chef {chef.Name}, commit {commit}, run of {time}";
        return forcedBy is null ? notes : $"{notes}; review rules overridden by {forcedBy}";
    }

    private static string Forced(string verb, string? forcedBy) =>
        forcedBy is null ? verb : $"{verb} (forced by {forcedBy} despite failed rules)";

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1
            ? $"{span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes"
            : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} seconds";
}
