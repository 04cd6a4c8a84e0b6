using SushOps.Configuration;
using SushOps.Inventories;

namespace SushOps.Targeting;

/// <summary>
/// Decides which chefs go to which hosts. Hosts come from <c>-H</c>, else from <c>-R</c>, else from the
/// chef's Role column, else from the only role that exists. Anything unknown is a usage error that lists
/// what does exist.
/// </summary>
public static class TargetSelector
{
    /// <summary>
    /// Every (chef, host) pair the request names: chefs in the order given, or in inventory order for --all.
    /// </summary>
    public static IReadOnlyList<Target> Select(SushOpsConfig config, Inventory inventory, TargetRequest request)
    {
        var chefs = PickChefs(inventory, request);
        var explicitHosts = PickExplicitHosts(config, request);
        if (explicitHosts is null)
        {
            CheckRolesExist(config, chefs);
        }

        var targets = new List<Target>();
        foreach (var chef in chefs)
        {
            var hosts = explicitHosts ?? HostsOfRole(RoleForChef(config, chef), config);
            targets.AddRange(hosts.Select(host => new Target(chef, host)));
        }

        return targets;
    }

    // Every chef whose Role column names a role the config lacks, in one message.
    private static void CheckRolesExist(SushOpsConfig config, IReadOnlyList<Chef> chefs)
    {
        var missing = chefs.Where(c => c.Role is { } role && !config.Roles.ContainsKey(role)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var which = missing.Count == 1
            ? $"Chef {missing[0].Name} (row {missing[0].Row}) is in role \"{missing[0].Role}\", which"
            : "Chefs " + string.Join(", ", missing.Select(c => $"{c.Name} (row {c.Row}, role \"{c.Role}\")"))
                       + " are in roles that";
        var where = config.Source is null
            ? $" no config defines: no config file was found (./sushops.yaml or {ConfigLoader.UserConfigPath}), "
              + "so only the local role exists. Give -R local or -H HOST, or write a config that defines the role."
            : $" {config.Source} does not define. {Known("Roles", config.Roles.Keys)} "
              + "Give -R ROLE or add the role to the config.";
        throw new SushOpsException(which + where);
    }

    private static IReadOnlyList<Chef> PickChefs(Inventory inventory, TargetRequest request)
    {
        if (request.All && request.Chefs.Count > 0)
        {
            throw new SushOpsException("Name chefs or give --all, not both.");
        }

        if (request.All)
        {
            return inventory.Chefs.Count > 0
                ? inventory.Chefs
                : throw new SushOpsException($"The inventory {inventory.Source} holds no chefs.");
        }

        if (request.Chefs.Count == 0)
        {
            throw new SushOpsException(
                $"Name a chef or give --all. {Known("Chefs", inventory.Chefs.Select(c => c.Name))}");
        }

        return request.Chefs.Distinct().Select(name => inventory.Find(name) ?? throw new SushOpsException(
            $"No chef \"{ChefRules.Printable(name)}\" in {inventory.Source}. "
            + Known("Chefs", inventory.Chefs.Select(c => c.Name)))).ToList();
    }

    private static List<HostTarget>? PickExplicitHosts(SushOpsConfig config, TargetRequest request)
    {
        if (request.Hosts is { Count: > 0 } hosts)
        {
            return hosts.Distinct().Select(h => ResolveHost(config, h)).ToList();
        }

        if (request.Roles is { Count: > 0 } roles)
        {
            return roles.Distinct().SelectMany(name => HostsOfRole(FindRole(config, name), config)).Distinct().ToList();
        }

        return null;
    }

    private static RoleConfig RoleForChef(SushOpsConfig config, Chef chef)
    {
        if (chef.Role is { } name)
        {
            return config.Roles[name];
        }

        return config.Roles.Count == 1
            ? config.Roles.Values.Single()
            : throw new SushOpsException(
                $"Chef {chef.Name} names no role and several exist; give -R ROLE or -H HOST. "
                + Known("Roles", config.Roles.Keys));
    }

    private static RoleConfig FindRole(SushOpsConfig config, string name) =>
        config.Roles.TryGetValue(name, out var role)
            ? role
            : throw new SushOpsException(
                $"No role \"{ChefRules.Printable(name)}\". {Known("Roles", config.Roles.Keys)}");

    private static IEnumerable<HostTarget> HostsOfRole(RoleConfig role, SushOpsConfig config)
    {
        if (role.IsLocal)
        {
            return [new HostTarget(role, null)];
        }

        return role.Hosts.Count > 0
            ? role.Hosts.Select(address => new HostTarget(role, address))
            : throw new SushOpsException(
                $"Role {role.Name} has no hosts in {config.Source}; add some under roles.{role.Name}.hosts.");
    }

    private static HostTarget ResolveHost(SushOpsConfig config, string text)
    {
        if (text == RoleConfig.LocalName)
        {
            return new HostTarget(config.Roles[RoleConfig.LocalName], null);
        }

        var address = HostAddress.TryParse(text, out var error) ?? throw new SushOpsException(error!);

        // A configured host keeps its role's settings, also when -H names another user for it.
        foreach (var role in config.Roles.Values)
        {
            var configured = role.Hosts.FirstOrDefault(
                a => a.Host == address.Host && (address.Port is null || a.Port == address.Port));
            if (configured is not null)
            {
                return new HostTarget(role, configured with { User = address.User ?? configured.User });
            }
        }

        // A host outside every role works as with ssh: it gets the config's defaults.
        var defaults = new RoleConfig("(none)", [address], config.RemoteChefsDir, SushOpsConfig.DefaultPython);
        return new HostTarget(defaults, address);
    }

    private static string Known(string what, IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? $"{what}: none." : $"{what}: {string.Join(", ", list)}.";
    }
}
