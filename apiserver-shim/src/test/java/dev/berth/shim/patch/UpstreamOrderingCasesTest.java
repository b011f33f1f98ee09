package dev.berth.shim.patch;

import static dev.berth.shim.testing.SingleQuotedJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases from apimachinery's strategicpatch tests (current + three-way patch = result), over upstream's test struct:
 * {@code mergingList} and {@code mergeItemPtr} merge by {@code name}, {@code mergingIntList} merges as a set,
 * {@code retainKeysMap} is a struct holding a {@code mergingList}. Left out: the case "add map and delete map from
 * merging list with conflict", whose upstream order comes from Go slices sharing a backing array.
 */
class UpstreamOrderingCasesTest {

    private static final StrategicSchema MERGE_ITEM = StrategicSchema.struct()
            .mergeByKey("mergingList", "name")
            .mergeByKey("mergeItemPtr", "name")
            .mergeScalars("mergingIntList")
            .with("retainKeysMap", StrategicSchema.struct().mergeByKey("mergingList", "name").build())
            .build();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            add an item in a list and preserve order | {'mergingList':[{'name':1,'other':'a'},{'name':2,'value':2,'other':'b'}]} | {'$setElementOrder/mergingList':[{'name':3},{'name':1},{'name':2}],'mergingList':[{'name':3,'value':3}]} | {'mergingList':[{'name':3,'value':3},{'name':1,'other':'a'},{'name':2,'value':2,'other':'b'}]}
            delete and reorder in one list, reorder in another | {'mergingList':[{'name':'a','value':'a'},{'name':'b','value':'b'}],'mergeItemPtr':[{'name':'c','value':'c'},{'name':'d','value':'d'}]} | {'$setElementOrder/mergingList':[{'name':'b'}],'$setElementOrder/mergeItemPtr':[{'name':'d'},{'name':'c'}],'mergingList':[{'$patch':'delete','name':'a'}]} | {'mergingList':[{'name':'b','value':'b'}],'mergeItemPtr':[{'name':'d','value':'d'},{'name':'c','value':'c'}]}
            nested patch merge with empty list | {'name':'hi','mergingList':[{'name':'hello2'}]} | {'$setElementOrder/mergingList':[{'name':'hello'},{'name':'doesntexist'}],'mergingList':[{'name':'hello'}]} | {'name':'hi','mergingList':[{'name':'hello'},{'name':'hello2'}]}
            delete items in lists of scalars | {'mergingIntList':[1,2,3,4]} | {'$setElementOrder/mergingIntList':[1,2],'$deleteFromPrimitiveList/mergingIntList':[3]} | {'mergingIntList':[1,2,4]}
            setElementOrder names an item not in the list | {'mergingList':[{'name':1},{'name':3}]} | {'$setElementOrder/mergingList':[{'name':3},{'name':2},{'name':1}],'mergingList':[{'name':3,'value':3},{'name':1,'value':1}]} | {'mergingList':[{'name':3,'value':3},{'name':1,'value':1}]}
            setElementOrder names an int not in the list | {'mergingIntList':[1,3]} | {'$setElementOrder/mergingIntList':[3,2,1]} | {'mergingIntList':[3,1]}
            preserve the order from the patch in a merging int list | {'mergingIntList':[1,2,3]} | {'mergingIntList':[3,1]} | {'mergingIntList':[2,3,1]}
            retainKeys map nested merging list with no change | {'retainKeysMap':{'name':'foo','mergingList':[{'name':'a'},{'name':'b'},{'name':'c'}]}} | {'retainKeysMap':{'$retainKeys':['mergingList','name','value'],'$setElementOrder/mergingList':[{'name':'a'},{'name':'b'}],'value':'bar'}} | {'retainKeysMap':{'name':'foo','value':'bar','mergingList':[{'name':'a'},{'name':'b'},{'name':'c'}]}}
            """)
    void resultsMatchUpstream(String description, String current, String patch, String result)
            throws PatchException {
        assertThat(StrategicMergePatch.apply(object(current), object(patch), MERGE_ITEM)).isEqualTo(object(result));
    }
}
