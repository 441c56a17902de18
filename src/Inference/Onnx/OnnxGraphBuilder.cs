using System.Runtime.InteropServices;

namespace InteractionLab.Inference.Onnx;

/// <summary>
/// Builds an ONNX graph (nodes, initializers, typed inputs/outputs) and serialises it as a ModelProto.
/// Field numbers follow onnx.proto3, which has been stable since IR version 3.
/// </summary>
internal sealed class OnnxGraphBuilder(string name)
{
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Bool = 9;

    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];
    private int _counter;

    /// <summary>Declares a graph input; a dimension is a fixed size (long) or a symbolic name (string).</summary>
    public string Input(string valueName, int elementType, params object[] dims)
    {
        _inputs.Add(w => ValueInfo(w, valueName, elementType, dims));
        return valueName;
    }

    public void Output(string valueName, int elementType, params object[] dims) =>
        _outputs.Add(w => ValueInfo(w, valueName, elementType, dims));

    public string Weight(string weightName, float[] data, params long[] dims)
    {
        _initializers.Add(w => Tensor(w, weightName, Float, dims, MemoryMarshal.AsBytes(data.AsSpan()).ToArray()));
        return weightName;
    }

    public string Constant(long[] data, params long[] dims)
    {
        var constName = $"{name}_const_{_counter++}";
        _initializers.Add(w => Tensor(w, constName, Int64, dims, MemoryMarshal.AsBytes(data.AsSpan()).ToArray()));
        return constName;
    }

    public string ScalarInt64(long value)
    {
        var constName = $"{name}_const_{_counter++}";
        _initializers.Add(w => Tensor(w, constName, Int64, [], BitConverter.GetBytes(value)));
        return constName;
    }

    public string Scalar(float value)
    {
        var constName = $"{name}_const_{_counter++}";
        _initializers.Add(w => Tensor(w, constName, Float, [], BitConverter.GetBytes(value)));
        return constName;
    }

    /// <summary>Adds a node with one output, named automatically unless <paramref name="output"/> is given.</summary>
    public string Node(string op, string[] inputs, string? output = null, params (string Name, object Value)[] attributes)
    {
        var outputName = output ?? $"{name}_{op.ToLowerInvariant()}_{_counter++}";
        _nodes.Add(w =>
        {
            foreach (var input in inputs)
            {
                w.String(1, input);
            }

            w.String(2, outputName);
            w.String(3, $"{op}_{outputName}");
            w.String(4, op);
            foreach (var (attrName, value) in attributes)
            {
                w.Message(5, a => Attribute(a, attrName, value));
            }
        });
        return outputName;
    }

    public byte[] ToModel(int opset = 17)
    {
        var model = new ProtoWriter();
        model.Varint(1, 8); // ir_version 8 pairs with opset 17
        model.String(2, "InteractionLab.Inference");
        model.Message(7, WriteGraph);
        model.Message(8, o => { o.String(1, ""); o.Varint(2, opset); });
        return model.ToArray();
    }

    private void WriteGraph(ProtoWriter graph)
    {
        foreach (var node in _nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, name);
        foreach (var init in _initializers)
        {
            graph.Message(5, init);
        }

        foreach (var input in _inputs)
        {
            graph.Message(11, input);
        }

        foreach (var output in _outputs)
        {
            graph.Message(12, output);
        }
    }

    private static void Attribute(ProtoWriter a, string attrName, object value)
    {
        a.String(1, attrName);
        switch (value)
        {
            case float f: a.Float(2, f); a.Varint(20, 1); break;
            case int i: a.Varint(3, i); a.Varint(20, 2); break;
            case long l: a.Varint(3, l); a.Varint(20, 2); break;
            case long[] ints: a.PackedVarints(8, ints); a.Varint(20, 7); break;
            case OnnxGraphBuilder g: a.Message(6, g.WriteGraph); a.Varint(20, 5); break;
            default: throw new ArgumentException($"Unsupported attribute type {value.GetType()}", nameof(value));
        }
    }

    private static void Tensor(ProtoWriter t, string tensorName, int elementType, long[] dims, byte[] raw)
    {
        foreach (var d in dims)
        {
            t.Varint(1, d);
        }

        t.Varint(2, elementType);
        t.String(8, tensorName);
        t.Bytes(9, raw);
    }

    private static void ValueInfo(ProtoWriter v, string valueName, int elementType, object[] dims)
    {
        v.String(1, valueName);
        v.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, elementType);
            if (dims.Length == 0)
            {
                return; // unknown rank (e.g. an If branch output); no graph here has scalar inputs or outputs
            }

            tensor.Message(2, shape =>
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d =>
                    {
                        if (dim is string symbol) { d.String(2, symbol); }
                        else { d.Varint(1, Convert.ToInt64(dim)); }
                    });
                }
            });
        }));
    }
}
