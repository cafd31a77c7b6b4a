using System.Reflection;
using System.Reflection.Emit;

namespace OpenProducer.Server.Tests.Support;

/// <summary>
/// Which of an assembly's namespaces use which, read from the compiled code rather than from `using` lines: base types,
/// fields, signatures and every type, field or method a method body names (so a fully qualified name, a name found
/// through a parent namespace, or a lambda's closure all count).
/// </summary>
public sealed class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>For each namespace, the namespaces it uses and one example (user → used type) per edge.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges { get; }

    public NamespaceGraph(Dictionary<string, Dictionary<string, string>> edges) => Edges = edges;

    public static NamespaceGraph Of(Assembly assembly, string prefix)
    {
        var edges = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in assembly.GetTypes())
        {
            string? from = type.Namespace;
            if (from is null || !from.StartsWith(prefix, StringComparison.Ordinal)) continue;
            foreach (var used in UsedBy(type))
            {
                string? to = used.Namespace;
                if (to is null || to == from || used.Assembly != assembly || !to.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var targets = edges.TryGetValue(from, out var t) ? t : edges[from] = [];
                targets.TryAdd(to, $"{type.FullName} uses {used.FullName}");
            }
        }
        return new NamespaceGraph(edges);
    }

    /// <summary>Groups of two or more namespaces that reach each other (Tarjan's strongly connected components).</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var found = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (string w in Edges.TryGetValue(v, out var e) ? e.Keys : Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(w, out int seen)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (stack.Contains(w)) low[v] = Math.Min(low[v], seen);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); component.Add(x); } while (x != v);
            if (component.Count > 1) found.Add([.. component.Order(StringComparer.Ordinal)]);
        }
        foreach (string v in Edges.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(v)) Visit(v);
        return found;
    }

    /// <summary>The edges inside one cycle, each with its example, for the failure message.</summary>
    public IEnumerable<string> Explain(IReadOnlyList<string> cycle) =>
        from a in cycle
        from b in cycle
        let example = Edges.TryGetValue(a, out var e) && e.TryGetValue(b, out var x) ? x : null
        where example is not null
        select $"{a} -> {b} ({example})";

    private static IEnumerable<Type> UsedBy(Type type)
    {
        var seen = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter || !seen.Add(t)) return;
            if (t.HasElementType) Add(t.GetElementType());
            if (t.IsGenericType) foreach (var a in t.GetGenericArguments()) Add(a);
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(Declared)) Add(f.FieldType);
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            foreach (var t in NamedInBody(m)) Add(t);
        }
        return seen;
    }

    /// <summary>Walks a method's IL and resolves every type, field and method token it carries.</summary>
    private static IEnumerable<Type> NamedInBody(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { yield break; }
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pos = 0;
        while (pos < il.Length)
        {
            short value = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, pos),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineType or OperandType.InlineTok or OperandType.InlineField or OperandType.InlineMethod)
            {
                MemberInfo? member = null;
                try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, pos), typeArgs, methodArgs); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException) { }
                switch (member)
                {
                    case Type t: yield return t; break;
                    case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                    case MethodBase m:
                        if (m.DeclaringType is not null) yield return m.DeclaringType;
                        if (m is MethodInfo mi) yield return mi.ReturnType;
                        foreach (var a in m.IsGenericMethod ? m.GetGenericArguments() : []) yield return a;
                        break;
                }
            }
            pos += size;
        }
    }
}
